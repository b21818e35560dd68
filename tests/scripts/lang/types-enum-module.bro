# Enums declared inside a module print with their module-qualified names.
module Color;

export {
	type Shade: enum { RED, GREEN, BLUE };
}

global favorite: Shade = GREEN;

module GLOBAL;

type Level: enum { LOW, HIGH };

event bro_init()
	{
	print Color::favorite;
	print Color::RED, Color::BLUE;
	print LOW, HIGH;
	print Color::favorite == Color::GREEN;
	local v = vector(Color::BLUE, Color::RED);
	print v;
	}
