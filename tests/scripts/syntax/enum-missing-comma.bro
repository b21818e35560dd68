# @args: --syntax-check --diagnostics=pretty
type Color: enum {
	RED
	GREEN
};
