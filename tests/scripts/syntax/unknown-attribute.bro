# @args: --syntax-check --diagnostics=pretty
global seen: set[string] &nosuch;
