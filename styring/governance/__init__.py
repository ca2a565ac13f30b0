"""Leadership and planning records (5.3, 6.2, 6.3, 7.4; A.3): AI roles and their holders, the RACI matrix, reported
concerns, AI objectives and their measurements, planned changes and the communication plan."""
