# md5/sha1/sha256: one-shot (variadic, hashing the cat of the arguments)
# and incremental opaques; opaque values have no description.

global g = sha1_hash_init();

event bro_init()
	{
	print md5_hash("one"), md5_hash("one", "two", "three"), md5_hash(1, 2.5, T);
	print sha1_hash("one"), sha1_hash("one", "two", "three");
	print sha256_hash("");
	local h = md5_hash_init();
	print h;
	print md5_hash_update(h, "one"), md5_hash_update(h, "two");
	print md5_hash_finish(h);
	sha1_hash_update(g, "onetwo");
	sha1_hash_update(g, "three");
	print sha1_hash_finish(g);
	local s = sha256_hash_init();
	sha256_hash_update(s, "one");
	print sha256_hash_finish(s);
	print |unique_id("U-")| > 2, unique_id("U-") != unique_id("U-");
	}
