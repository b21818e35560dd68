# Built-in function val_size: what a value holds, contents included.

type R: record { a: count; b: string &optional; };

event bro_init()
	{
	print val_size(T) == val_size(1);
	print val_size("") < val_size("a longer string than that");
	print val_size(vector(1)) < val_size(vector(1, 2, 3));
	print val_size(R($a=1)) < val_size(R($a=1, $b="x"));
	print val_size(set(1)) < val_size(set(1, 2));
	}
