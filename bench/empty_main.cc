// empty_main: a statically linked program that does nothing. bench/run times its exec beside the
// launch hook, as the reference cost of starting any process on the machine at that moment
// (docs/hook-cost.md: 0.8 ms on a quiet machine), so that a run on a loaded machine can still be
// read as "the hook costs N empty execs".
int main() { return 0; }
