"""Tests of the DIS emulator (tools/dis_emulator), run against real emulator processes."""
