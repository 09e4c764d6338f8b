/// The steps every writer of a result, a snapshot or a canonical form repeats: a member is its key
/// and its value, an array of records is one object per element.
extension JSONWriter {
    public mutating func member(_ k: String, _ s: String?) {
        key(k)
        string(s)
    }

    public mutating func member(_ k: String, _ x: Double?) {
        key(k)
        number(x)
    }

    public mutating func member<I: BinaryInteger>(_ k: String, _ n: I?) {
        key(k)
        integer(n)
    }

    public mutating func member(_ k: String, _ b: Bool) {
        key(k)
        bool(b)
    }

    public mutating func member(_ k: String, _ list: [String]) {
        key(k)
        strings(list)
    }

    /// A fact value; missing is `null`.
    public mutating func member(_ k: String, fact value: Value) {
        key(k)
        fact(value)
    }

    /// An object whose members `body` writes.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    /// An array of one object per element of `items`, `body` writing each object's members.
    public mutating func objects<S: Sequence>(_ items: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        beginArray()
        for item in items {
            beginObject()
            body(&self, item)
            endObject()
        }
        endArray()
    }
}
