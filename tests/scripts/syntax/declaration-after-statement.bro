# @args: --syntax-check --diagnostics=pretty
print 1;
global x = 2;
