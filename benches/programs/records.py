# Records: create 200,000 small objects (kept in a list), then read and
# update their fields in a second pass.
class Item:
    __slots__ = ("id", "name", "hits")

    def __init__(self, id, name, hits=0):
        self.id = id
        self.name = name
        self.hits = hits

n = 200000
items = []
i = 0
while i < n:
    r = Item(i, "item")
    r.hits = i % 10
    items.append(r)
    i += 1
total = 0
i = 0
while i < n:
    it = items[i]
    it.hits = it.hits + it.id % 3
    total += it.hits + len(it.name)
    i += 1
print("records = %d sum = %d last = %d" % (len(items), total, items[n - 1].hits))
