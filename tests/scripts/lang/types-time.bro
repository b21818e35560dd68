# Time values: conversion, arithmetic with intervals and formatting.
event bro_init()
	{
	local t = double_to_time(1234567890.5);
	print t;
	print type_name(t);
	local later = t + 1hr;
	print later;
	print later - t;
	print type_name(later - t);
	print later > t;
	print time_to_double(t);
	print fmt("%D", double_to_time(0.0));
	}
