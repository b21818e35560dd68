# @args: --syntax-check --diagnostics=pretty
global counts: table of count;
