##! Broker's data stores for scripts: a master holds key-value pairs, a
##! clone on another endpoint mirrors them and sends its changes to the
##! master. Queries answer asynchronously and work only inside a ``when``
##! condition that has a ``timeout`` block (the wrappers around
##! store.bif's builtins).

@load ./main
@load ./data

module Broker;

export {
	## How often a clone tries to reach its master again.
	const default_clone_resync_interval = 10sec &redef;

	## How long a clone keeps answering without its master before its
	## data counts as stale.
	const default_clone_stale_interval = 5min &redef;

	## How long a clone buffers its changes while its master is away.
	const default_clone_mutation_buffer_interval = 2min &redef;

	## Whether a store query completed.
	type QueryStatus: enum {
		SUCCESS,
		FAILURE,
	};

	## What a store query gives.
	type QueryResult: record {
		## Whether it completed.
		status: Broker::QueryStatus;
		## The answer (unset on failure).
		result: Broker::Data;
	};

	## Where a master keeps its pairs.
	type BackendType: enum {
		MEMORY,
		SQLITE,
		ROCKSDB,
	};

	## Settings of the SQLite backend.
	type SQLiteOptions: record {
		## The database file.
		path: string &default = "";
	};

	## Settings of the RocksDB backend.
	type RocksDBOptions: record {
		## The database directory.
		path: string &default = "";
	};

	## Settings of the backends.
	type BackendOptions: record {
		sqlite: SQLiteOptions &default = SQLiteOptions();
		rocksdb: RocksDBOptions &default = RocksDBOptions();
	};

	## Makes (or finds) the master store called *name*.
	global create_master: function(name: string, b: BackendType &default = MEMORY,
	                               options: BackendOptions &default = BackendOptions()): opaque of Broker::Store;

	## Makes (or finds) a clone of the master store called *name*, which
	## may live on a peer.
	global create_clone: function(name: string,
	                              resync_interval: interval &default = default_clone_resync_interval,
	                              stale_interval: interval &default = default_clone_stale_interval,
	                              mutation_buffer_interval: interval &default = default_clone_mutation_buffer_interval): opaque of Broker::Store;

	## Closes a store; true if it was open.
	global close: function(h: opaque of Broker::Store): bool;

	## Whether a store is closed.
	global is_closed: function(h: opaque of Broker::Store): bool;

	## The name of a store.
	global store_name: function(h: opaque of Broker::Store): string;

	## Whether key *k* is in the store (a bool in the result).
	global exists: function(h: opaque of Broker::Store, k: any): QueryResult;

	## The value of key *k*.
	global get: function(h: opaque of Broker::Store, k: any): QueryResult;

	## Puts *v* at *k* unless *k* is there already; the result says
	## whether it did.
	global put_unique: function(h: opaque of Broker::Store, k: any, v: any,
	                            e: interval &default=0sec): QueryResult;

	## An element of the container value at *k*: a vector's item at
	## index *i*, a table's value at key *i*, whether a set holds *i*.
	global get_index_from_value: function(h: opaque of Broker::Store, k: any, i: any): QueryResult;

	## The set of all keys.
	global keys: function(h: opaque of Broker::Store): QueryResult;

	## Puts *v* at *k*, expiring after *e* when it is not zero.
	global put: function(h: opaque of Broker::Store, k: any, v: any,
	                     e: interval &default=0sec): bool;

	## Removes *k*.
	global erase: function(h: opaque of Broker::Store, k: any): bool;

	## Adds *a* to the number (or time) at *k*, which must exist.
	global increment: function(h: opaque of Broker::Store, k: any,
	                           a: any &default = 1,
	                           e: interval &default = 0sec): bool;

	## Takes *a* from the number (or time) at *k*, which must exist.
	global decrement: function(h: opaque of Broker::Store, k: any,
	                           a: any &default = 1,
	                           e: interval &default = 0sec): bool;

	## Appends *s* to the string at *k*, which must exist.
	global append: function(h: opaque of Broker::Store, k: any, s: string,
	                        e: interval &default = 0sec): bool;

	## Inserts *i* into the set at *k*, which must exist.
	global insert_into_set: function(h: opaque of Broker::Store, k: any, i: any,
	                                 e: interval &default = 0sec): bool;

	## Inserts *i* -> *v* into the table at *k*, which must exist.
	global insert_into_table: function(h: opaque of Broker::Store, k: any, i: any, v: any,
	                                   e: interval &default = 0sec): bool;

	## Removes *i* from the set or table at *k*, which must exist.
	global remove_from: function(h: opaque of Broker::Store, k: any, i: any,
	                             e: interval &default = 0sec): bool;

	## Appends *v* to the vector at *k*, which must exist.
	global push: function(h: opaque of Broker::Store, k: any, v: any,
	                      e: interval &default = 0sec): bool;

	## Removes the last element of the vector at *k*, which must exist.
	global pop: function(h: opaque of Broker::Store, k: any,
	                     e: interval &default = 0sec): bool;

	## Removes every key.
	global clear: function(h: opaque of Broker::Store): bool;
}

function create_master(name: string, b: BackendType &default = MEMORY,
                       options: BackendOptions &default = BackendOptions()): opaque of Broker::Store
	{
	return __create_master(name, b, options);
	}

function create_clone(name: string, resync_interval: interval &default = default_clone_resync_interval,
                      stale_interval: interval &default = default_clone_stale_interval,
                      mutation_buffer_interval: interval &default = default_clone_mutation_buffer_interval): opaque of Broker::Store
	{
	return __create_clone(name, resync_interval, stale_interval, mutation_buffer_interval);
	}

function close(h: opaque of Broker::Store): bool
	{
	return __close(h);
	}

function is_closed(h: opaque of Broker::Store): bool
	{
	return __is_closed(h);
	}

function store_name(h: opaque of Broker::Store): string
	{
	return __store_name(h);
	}

function exists(h: opaque of Broker::Store, k: any): QueryResult
	{
	return __exists(h, k);
	}

function get(h: opaque of Broker::Store, k: any): QueryResult
	{
	return __get(h, k);
	}

function put_unique(h: opaque of Broker::Store, k: any, v: any, e: interval &default=0sec): QueryResult
	{
	return __put_unique(h, k, v, e);
	}

function get_index_from_value(h: opaque of Broker::Store, k: any, i: any): QueryResult
	{
	return __get_index_from_value(h, k, i);
	}

function keys(h: opaque of Broker::Store): QueryResult
	{
	return __keys(h);
	}

function put(h: opaque of Broker::Store, k: any, v: any, e: interval &default=0sec): bool
	{
	return __put(h, k, v, e);
	}

function erase(h: opaque of Broker::Store, k: any): bool
	{
	return __erase(h, k);
	}

function increment(h: opaque of Broker::Store, k: any, a: any &default = 1, e: interval &default = 0sec): bool
	{
	return __increment(h, k, a, e);
	}

function decrement(h: opaque of Broker::Store, k: any, a: any &default = 1, e: interval &default = 0sec): bool
	{
	return __decrement(h, k, a, e);
	}

function append(h: opaque of Broker::Store, k: any, s: string, e: interval &default = 0sec): bool
	{
	return __append(h, k, s, e);
	}

function insert_into_set(h: opaque of Broker::Store, k: any, i: any, e: interval &default = 0sec): bool
	{
	return __insert_into_set(h, k, i, e);
	}

function insert_into_table(h: opaque of Broker::Store, k: any, i: any, v: any, e: interval &default = 0sec): bool
	{
	return __insert_into_table(h, k, i, v, e);
	}

function remove_from(h: opaque of Broker::Store, k: any, i: any, e: interval &default = 0sec): bool
	{
	return __remove_from(h, k, i, e);
	}

function push(h: opaque of Broker::Store, k: any, v: any, e: interval &default = 0sec): bool
	{
	return __push(h, k, v, e);
	}

function pop(h: opaque of Broker::Store, k: any, e: interval &default = 0sec): bool
	{
	return __pop(h, k, e);
	}

function clear(h: opaque of Broker::Store): bool
	{
	return __clear(h);
	}
