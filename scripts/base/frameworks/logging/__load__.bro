@load ./main
@load ./writers/ascii
@load ./writers/none
