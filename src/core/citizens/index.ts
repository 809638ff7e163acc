// Citizens' voice: case kinds, statuses, tracking codes and deadline rules. Pure: no I/O.
export * from './cases.ts';
export * from './deadlines.ts';
export * from './personal-data.ts';
