# @args: --syntax-check --diagnostics=pretty
@if ( T )
global mode = "a";
@else
global mode = "b";
@else
global mode = "c";
@endif
