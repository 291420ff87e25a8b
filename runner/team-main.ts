import { teamMain } from './team-cli';

process.exitCode = await teamMain(process.argv.slice(2), process.env);
