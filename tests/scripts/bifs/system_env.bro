# Built-in function system_env: entries become BRO_ARG_ variables for
# the command only.

event bro_init()
	{
	print system_env("echo $BRO_ARG_GREETING $BRO_ARG_WHO", table(["greeting"] = "hello", ["Who"] = "you"));
	print getenv("BRO_ARG_GREETING") == "";
	}
