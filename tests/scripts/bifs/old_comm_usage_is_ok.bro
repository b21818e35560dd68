# With old_comm_usage_is_ok, old communication functions only warn.

redef old_comm_usage_is_ok = T;

event bro_init()
	{
	print terminate_communication();
	}
