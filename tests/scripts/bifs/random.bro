# rand, srand and unique_id_from: a seed makes rand repeat its sequence;
# unique ids of the same pool differ from each other.

event bro_init()
	{
	srand(42);
	local a = rand(1000);
	local b = rand(1000);
	srand(42);
	print rand(1000) == a, rand(1000) == b;
	print rand(1), rand(0);
	local x = unique_id_from(5, "P");
	local y = unique_id_from(5, "P");
	print x != y, sub_bytes(x, 1, 1), |md5_hmac("a", 1)|;
	}
