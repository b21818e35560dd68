# Built-in function file_mode.

event bro_init()
	{
	print file_mode(0);
	print file_mode(493);	# 0755
	print file_mode(3584);	# 07000: set-id and sticky bits without execute
	print file_mode(4095);	# 07777
	print file_mode(65535);	# bits beyond the permissions are ignored
	}
