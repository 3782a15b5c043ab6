// Vitest 5 prints failures with Map.groupBy, which Node 20 lacks (Node 21+). Without
// this, a failing test crashes the reporter instead of showing what failed.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = (items, keyOf) => {
    const groups = new Map();
    let index = 0;
    for (const item of items) {
      const key = keyOf(item, index++);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(item);
    }
    return groups;
  };
}
