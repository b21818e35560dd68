# @args: --syntax-check --diagnostics=pretty
global debug = F;
@else
global verbose = T;
