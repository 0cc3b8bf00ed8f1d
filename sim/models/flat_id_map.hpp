#pragma once
// A map from ids to values, stored as one vector sorted by id: the models' tables of members,
// facilitators and groups. Walking it in id order is a pass over contiguous memory, where a
// std::map walk was a pointer chase per entry (about 15% of the blended-ecosystem run).
//
// - Inserting an id above every stored one appends. Others wait in a small unsorted list that is
//   sorted and merged in on the next read, so a batch of inserts costs one merge.
// - Erasing marks the entry dead (O(log n)); dead entries are dropped when the map is rebuilt by
//   a merge, or when more than half the entries are dead at an insert.
// - Order is id order, as with std::map, so results do not change.
//
// While for_each walks a map, the walked map may only have values changed and entries erased;
// find is allowed. A reference to a value is valid until the next insert. Not thread-safe: reads
// may merge (models run sequentially), except within parallel_for_each, which merges first.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace mentorsim {

template <class Key, class Value>
class FlatIdMap {
 public:
  struct Entry {
    Key key;
    Value value;
    bool live;
  };

  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }

  // The value of `key`, or nullptr.
  Value* find(Key key) { return const_cast<Value*>(std::as_const(*this).find(key)); }
  const Value* find(Key key) const {
    merge();
    const auto it = lower(key);
    return it != entries_.end() && it->key == key && it->live ? &it->value : nullptr;
  }
  bool contains(Key key) const { return find(key) != nullptr; }
  Value& at(Key key) { return *find(key); }  // the key must be present

  // The value of `key`, inserted as Value{} if absent (as std::map::operator[]). Does not merge:
  // a key below the largest stored one joins the pending list, which a run of inserts (a cohort's
  // members) shares.
  Value& operator[](Key key) {
    const auto it = lower(key);
    if (it != entries_.end() && it->key == key) {
      if (!it->live) {  // a dead entry: revive it
        --dead_;
        ++live_;
        it->value = Value{};
        it->live = true;
      }
      return it->value;
    }
    for (Entry& e : pending_)
      if (e.key == key) return e.value;
    ++live_;
    if (entries_.empty() || entries_.back().key < key) {
      if (dead_ > live_) prune();
      entries_.push_back({key, Value{}, true});
      return entries_.back().value;
    }
    pending_.push_back({key, Value{}, true});
    return pending_.back().value;
  }

  void erase(Key key) {
    merge();
    const auto it = lower(key);
    if (it == entries_.end() || it->key != key || !it->live) return;
    it->live = false;
    it->value = Value{};  // releases what the value holds
    --live_;
    ++dead_;
  }

  void clear() {
    entries_.clear();
    pending_.clear();
    live_ = dead_ = 0;
  }

  // f(key, value) for each entry, in id order.
  template <class F>
  void for_each(F&& f) {
    merge();
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].live) f(entries_[i].key, entries_[i].value);
  }
  template <class F>
  void for_each(F&& f) const {
    merge();
    for (const Entry& e : entries_)
      if (e.live) f(e.key, e.value);
  }

  // f(key, value) for each entry, blocks of entries side by side: f may change only the value it
  // is handed and may only read everything else (this map included). The map must not change.
  template <class F>
  void parallel_for_each(F&& f) {
    merge();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, entries_.size(), 64),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t i = range.begin(); i != range.end(); ++i)
                          if (entries_[i].live) f(entries_[i].key, entries_[i].value);
                      });
  }

  // Looks up increasing keys in one forward pass (e.g. one per practitioner row, rows being in id
  // order). Valid until the map next changes.
  class Cursor {
   public:
    explicit Cursor(const FlatIdMap& map)
        : at_((map.merge(), map.entries_.data())), end_(at_ + map.entries_.size()) {}
    // A cursor whose first key will be `from` or more. Concurrent cursors are safe once the map
    // has been merged (any cursor made before them does it).
    Cursor(const FlatIdMap& map, Key from) : Cursor(map) {
      at_ = std::lower_bound(at_, end_, from, [](const Entry& e, Key k) { return e.key < k; });
    }
    // The value of `key`, or nullptr; keys must not decrease from one call to the next.
    const Value* seek(Key key) {
      while (at_ != end_ && at_->key < key) ++at_;
      return at_ != end_ && at_->key == key && at_->live ? &at_->value : nullptr;
    }

   private:
    const Entry* at_;
    const Entry* end_;
  };
  Cursor cursor() const { return Cursor(*this); }
  Cursor cursor(Key from) const { return Cursor(*this, from); }

 private:
  typename std::vector<Entry>::const_iterator lower(Key key) const {
    return std::lower_bound(entries_.begin(), entries_.end(), key,
                            [](const Entry& e, Key k) { return e.key < k; });
  }
  typename std::vector<Entry>::iterator lower(Key key) {
    return std::lower_bound(entries_.begin(), entries_.end(), key,
                            [](const Entry& e, Key k) { return e.key < k; });
  }

  // Sorts the pending inserts into the entries (their keys are new), dropping dead entries.
  void merge() const {
    if (pending_.empty()) return;
    std::sort(pending_.begin(), pending_.end(),
              [](const Entry& a, const Entry& b) { return a.key < b.key; });
    std::vector<Entry> merged;
    merged.reserve(live_ + 8);
    auto p = pending_.begin();
    for (Entry& e : entries_) {
      for (; p != pending_.end() && p->key < e.key; ++p) merged.push_back(std::move(*p));
      if (e.live) merged.push_back(std::move(e));
    }
    for (; p != pending_.end(); ++p) merged.push_back(std::move(*p));
    entries_ = std::move(merged);
    pending_.clear();
    dead_ = 0;
  }

  void prune() {
    std::erase_if(entries_, [](const Entry& e) { return !e.live; });
    dead_ = 0;
  }

  // Mutable so that reads can merge: the map's contents do not change by it.
  mutable std::vector<Entry> entries_;
  mutable std::vector<Entry> pending_;
  std::size_t live_ = 0;
  mutable std::size_t dead_ = 0;
};

}  // namespace mentorsim
