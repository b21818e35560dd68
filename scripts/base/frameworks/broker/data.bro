##! Broker's data model for scripts: sets, tables, vectors and records
##! held in ``Broker::Data`` values, changed in place and walked with
##! iterators (the wrappers around data.bif's builtins).

@load ./main

module Broker;

export {
	## The kinds of value a :bro:see:`Broker::Data` may hold, in Bro's terms.
	type DataType: enum {
		NONE,
		BOOL,
		INT,
		COUNT,
		DOUBLE,
		STRING,
		ADDR,
		SUBNET,
		PORT,
		TIME,
		INTERVAL,
		ENUM,
		SET,
		TABLE,
		VECTOR,
	};

	## One entry of a table: its key and its value.
	type TableItem: record {
		key: Broker::Data;
		val: Broker::Data;
	};

	## Wraps a script value in Broker's data model (an unset *data* when it cannot be converted).
	global data: function(d: any): Broker::Data;

	## The kind of value *d* holds.
	global data_type: function(d: Broker::Data): Broker::DataType;

	## A new, empty set.
	global set_create: function(): Broker::Data;

	## Empties the set *s*.
	global set_clear: function(s: Broker::Data): bool;

	## The number of elements of the set *s*.
	global set_size: function(s: Broker::Data): count;

	## Whether the set *s* holds *key*.
	global set_contains: function(s: Broker::Data, key: any): bool;

	## Adds *key* to the set *s*; true when it was not there yet.
	global set_insert: function(s: Broker::Data, key: any): bool;

	## Removes *key* from the set *s*; true when it was there.
	global set_remove: function(s: Broker::Data, key: any): bool;

	## An iterator over a copy of the set *s*, at its first element.
	global set_iterator: function(s: Broker::Data): opaque of Broker::SetIterator;

	## Whether the iterator is past the last element.
	global set_iterator_last: function(it: opaque of Broker::SetIterator): bool;

	## Advances the iterator; false when that leaves it past the end.
	global set_iterator_next: function(it: opaque of Broker::SetIterator): bool;

	## The element the iterator is at.
	global set_iterator_value: function(it: opaque of Broker::SetIterator): Broker::Data;

	## A new, empty table.
	global table_create: function(): Broker::Data;

	## Empties the table *t*.
	global table_clear: function(t: Broker::Data): bool;

	## The number of entries of the table *t*.
	global table_size: function(t: Broker::Data): count;

	## Whether the table *t* has an entry for *key*.
	global table_contains: function(t: Broker::Data, key: any): bool;

	## Sets *t[key]* to *val*; returns the value it replaced (unset if none).
	global table_insert: function(t: Broker::Data, key: any, val: any): Broker::Data;

	## Removes the entry for *key*; returns its value (unset if none).
	global table_remove: function(t: Broker::Data, key: any): Broker::Data;

	## The value for *key* (unset if none).
	global table_lookup: function(t: Broker::Data, key: any): Broker::Data;

	## An iterator over a copy of the table *t*, at its first entry.
	global table_iterator: function(t: Broker::Data): opaque of Broker::TableIterator;

	## Whether the iterator is past the last entry.
	global table_iterator_last: function(it: opaque of Broker::TableIterator): bool;

	## Advances the iterator; false when that leaves it past the end.
	global table_iterator_next: function(it: opaque of Broker::TableIterator): bool;

	## The entry the iterator is at.
	global table_iterator_value: function(it: opaque of Broker::TableIterator): Broker::TableItem;

	## A new, empty vector.
	global vector_create: function(): Broker::Data;

	## Empties the vector *v*.
	global vector_clear: function(v: Broker::Data): bool;

	## The number of elements of the vector *v*.
	global vector_size: function(v: Broker::Data): count;

	## Inserts *d* before position *idx* (at the end when *idx* is past it).
	global vector_insert: function(v: Broker::Data, idx: count, d: any): bool;

	## Replaces the element at *idx*; returns the old one (unset if *idx* is out of range).
	global vector_replace: function(v: Broker::Data, idx: count, d: any): Broker::Data;

	## Removes the element at *idx*; returns it (unset if *idx* is out of range).
	global vector_remove: function(v: Broker::Data, idx: count): Broker::Data;

	## The element at *idx* (unset if out of range).
	global vector_lookup: function(v: Broker::Data, idx: count): Broker::Data;

	## An iterator over a copy of the vector *v*, at its first element.
	global vector_iterator: function(v: Broker::Data): opaque of Broker::VectorIterator;

	## Whether the iterator is past the last element.
	global vector_iterator_last: function(it: opaque of Broker::VectorIterator): bool;

	## Advances the iterator; false when that leaves it past the end.
	global vector_iterator_next: function(it: opaque of Broker::VectorIterator): bool;

	## The element the iterator is at.
	global vector_iterator_value: function(it: opaque of Broker::VectorIterator): Broker::Data;

	## A new record of *sz* fields, all unset.
	global record_create: function(sz: count): Broker::Data;

	## The number of fields of the record *r*.
	global record_size: function(r: Broker::Data): count;

	## Sets field *idx* of *r* to *d*; false when *idx* is out of range.
	global record_assign: function(r: Broker::Data, idx: count, d: any): bool;

	## Field *idx* of *r* (unset if out of range or unset).
	global record_lookup: function(r: Broker::Data, idx: count): Broker::Data;

	## An iterator over a copy of the record *r*, at its first field.
	global record_iterator: function(r: Broker::Data): opaque of Broker::RecordIterator;

	## Whether the iterator is past the last field.
	global record_iterator_last: function(it: opaque of Broker::RecordIterator): bool;

	## Advances the iterator; false when that leaves it past the end.
	global record_iterator_next: function(it: opaque of Broker::RecordIterator): bool;

	## The field the iterator is at (unset for an unset field).
	global record_iterator_value: function(it: opaque of Broker::RecordIterator): Broker::Data;
}

function data(d: any): Broker::Data
	{
	return __data(d);
	}

function data_type(d: Broker::Data): Broker::DataType
	{
	return __data_type(d);
	}

function set_create(): Broker::Data
	{
	return __set_create();
	}

function set_clear(s: Broker::Data): bool
	{
	return __set_clear(s);
	}

function set_size(s: Broker::Data): count
	{
	return __set_size(s);
	}

function set_contains(s: Broker::Data, key: any): bool
	{
	return __set_contains(s, key);
	}

function set_insert(s: Broker::Data, key: any): bool
	{
	return __set_insert(s, key);
	}

function set_remove(s: Broker::Data, key: any): bool
	{
	return __set_remove(s, key);
	}

function set_iterator(s: Broker::Data): opaque of Broker::SetIterator
	{
	return __set_iterator(s);
	}

function set_iterator_last(it: opaque of Broker::SetIterator): bool
	{
	return __set_iterator_last(it);
	}

function set_iterator_next(it: opaque of Broker::SetIterator): bool
	{
	return __set_iterator_next(it);
	}

function set_iterator_value(it: opaque of Broker::SetIterator): Broker::Data
	{
	return __set_iterator_value(it);
	}

function table_create(): Broker::Data
	{
	return __table_create();
	}

function table_clear(t: Broker::Data): bool
	{
	return __table_clear(t);
	}

function table_size(t: Broker::Data): count
	{
	return __table_size(t);
	}

function table_contains(t: Broker::Data, key: any): bool
	{
	return __table_contains(t, key);
	}

function table_insert(t: Broker::Data, key: any, val: any): Broker::Data
	{
	return __table_insert(t, key, val);
	}

function table_remove(t: Broker::Data, key: any): Broker::Data
	{
	return __table_remove(t, key);
	}

function table_lookup(t: Broker::Data, key: any): Broker::Data
	{
	return __table_lookup(t, key);
	}

function table_iterator(t: Broker::Data): opaque of Broker::TableIterator
	{
	return __table_iterator(t);
	}

function table_iterator_last(it: opaque of Broker::TableIterator): bool
	{
	return __table_iterator_last(it);
	}

function table_iterator_next(it: opaque of Broker::TableIterator): bool
	{
	return __table_iterator_next(it);
	}

function table_iterator_value(it: opaque of Broker::TableIterator): Broker::TableItem
	{
	return __table_iterator_value(it);
	}

function vector_create(): Broker::Data
	{
	return __vector_create();
	}

function vector_clear(v: Broker::Data): bool
	{
	return __vector_clear(v);
	}

function vector_size(v: Broker::Data): count
	{
	return __vector_size(v);
	}

function vector_insert(v: Broker::Data, idx: count, d: any): bool
	{
	return __vector_insert(v, idx, d);
	}

function vector_replace(v: Broker::Data, idx: count, d: any): Broker::Data
	{
	return __vector_replace(v, idx, d);
	}

function vector_remove(v: Broker::Data, idx: count): Broker::Data
	{
	return __vector_remove(v, idx);
	}

function vector_lookup(v: Broker::Data, idx: count): Broker::Data
	{
	return __vector_lookup(v, idx);
	}

function vector_iterator(v: Broker::Data): opaque of Broker::VectorIterator
	{
	return __vector_iterator(v);
	}

function vector_iterator_last(it: opaque of Broker::VectorIterator): bool
	{
	return __vector_iterator_last(it);
	}

function vector_iterator_next(it: opaque of Broker::VectorIterator): bool
	{
	return __vector_iterator_next(it);
	}

function vector_iterator_value(it: opaque of Broker::VectorIterator): Broker::Data
	{
	return __vector_iterator_value(it);
	}

function record_create(sz: count): Broker::Data
	{
	return __record_create(sz);
	}

function record_size(r: Broker::Data): count
	{
	return __record_size(r);
	}

function record_assign(r: Broker::Data, idx: count, d: any): bool
	{
	return __record_assign(r, idx, d);
	}

function record_lookup(r: Broker::Data, idx: count): Broker::Data
	{
	return __record_lookup(r, idx);
	}

function record_iterator(r: Broker::Data): opaque of Broker::RecordIterator
	{
	return __record_iterator(r);
	}

function record_iterator_last(it: opaque of Broker::RecordIterator): bool
	{
	return __record_iterator_last(it);
	}

function record_iterator_next(it: opaque of Broker::RecordIterator): bool
	{
	return __record_iterator_next(it);
	}

function record_iterator_value(it: opaque of Broker::RecordIterator): Broker::Data
	{
	return __record_iterator_value(it);
	}
