# Built-in function piped_exec: the text goes to the command's input.
# @files

event bro_init()
	{
	print piped_exec("cat > written.txt", "line one\nline two\n");
	}
