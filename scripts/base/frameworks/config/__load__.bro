@load ./main
@load ./input
