export { type HillClimberOptions, hillClimber } from './hill-climber.js';
