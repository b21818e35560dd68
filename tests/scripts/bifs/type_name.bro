# Built-in function type_name on functions, hooks and events.

global h: hook(c: count);
global e: event(s: string, n: count);

function f(a: count, b: string): string { return b; }
function g() { }

event bro_init()
	{
	print type_name(f);
	print type_name(g);
	print type_name(h);
	print type_name(e);
	print type_name(fmt);
	print type_name(to_lower);
	}
