# @args: --syntax-check --diagnostics=pretty
global counts: table[string] count;
