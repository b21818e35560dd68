# |x| of a port keeps its protocol in the bits above the number, of a
# function counts its parameters, of a file is its size so far (a double).
function two(a: count, b: string): count
	{
	return a;
	}

event bro_init()
	{
	print |80/tcp|, |53/udp|, |8/icmp|, |0/unknown|;
	print |two|, |bro_init|;
	local f = open("size-test.txt");
	print |f|;
	write_file(f, "0123456789");
	print |f|, type_name(|f|);
	close(f);
	unlink("size-test.txt");
	}
