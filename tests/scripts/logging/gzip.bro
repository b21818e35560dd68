# @files
# gzip_level compresses the file (shown here uncompressed); a filter can
# turn it off with $config.

redef LogAscii::gzip_level = 6;

module GZ;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		s: string &log;
	};
}

event bro_init()
	{
	Log::create_stream(GZ::LOG, [$columns=Info]);
	Log::add_filter(GZ::LOG, [$name="plain", $path="plain", $config=table(["gzip_level"] = "0")]);
	Log::write(GZ::LOG, [$s="squeezed"]);
	}
