##! Settings of the binary reader, which hands on a file's bytes.

module InputBinary;

export {
	## How many bytes each piece holds.
	const chunk_size = 1024 &redef;
}
