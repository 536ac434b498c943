using CriticalMinerals.Cli.Infrastructure;

// criticalminerals: the command-line front end. With no command it runs `coverage`, the README's main job.
return await CliApp.RunAsync(args, CliEnvironment.FromConsole()).ConfigureAwait(false);
