@load ./pools
