package org.confops.platform.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list; {@code page} counts from 1. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public long pages() {
        return total == 0 ? 1 : (total + size - 1) / size;
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
