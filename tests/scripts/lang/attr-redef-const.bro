# &redef lets a later redef replace a constant's value.
const threshold = 5 &redef;
const label: string = "default" &redef;
const ratio = 0.5 &redef;

redef threshold = 10;
redef label = "custom";

event bro_init()
	{
	print threshold, label, ratio;
	}
