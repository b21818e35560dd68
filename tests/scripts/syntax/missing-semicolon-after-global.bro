# @args: --syntax-check --diagnostics=pretty
global a = 1
global b = 2;
