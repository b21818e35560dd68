# Built-in function haversine_distance.

event bro_init()
	{
	print fmt("%.4e", haversine_distance(45.0, -90.0, -45.0, 90.0));
	print haversine_distance(1.0, 1.0, 1.0, 1.0);
	}
