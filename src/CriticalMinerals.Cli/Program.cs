using CriticalMinerals.Cli.Infrastructure;

// criticalminerals: the command-line front end. With no command it runs `coverage`, the README's main job.
// Ctrl+C cancels the run; a Ctrl+C that CLP's own signal handler swallowed is sent on (see SignalGuard).
CriticalMinerals.Solving.Backends.SignalGuard.ForwardSwallowedInterrupts = true;
return await CliApp.RunAsync(args, CliEnvironment.FromConsole(), handleSignals: true).ConfigureAwait(false);
