// placeholder replaced by the benchmark
export {};
