# opaque values: declared by kind, created and used only through builtins,
# and printed as their kind.
global h: opaque of md5 = md5_hash_init();

event bro_init()
	{
	local other: opaque of md5 = md5_hash_init();
	md5_hash_update(h, "ab");
	md5_hash_update(other, "xy");
	md5_hash_update(h, "c");
	print md5_hash_finish(h);
	print md5_hash_finish(other);
	print type_name(h);
	}
