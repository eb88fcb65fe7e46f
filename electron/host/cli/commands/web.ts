import { HostServices } from '../../services.js';
import { defaultUserDataDir, rendererDistDir } from '../../paths.js';
import { startWebHost } from '../../web/web-host.js';
import { intFlag, parseFlags } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';

export const webCommand: CliCommand = {
  name: 'web',
  summary: 'serve the app and its host services on 127.0.0.1 for a browser',
  usage: `usage: syscall-lab web [--port N] [--user-data DIR]

Serves the built renderer and the host services on 127.0.0.1 only and prints the
URL to open. The URL carries a random per-run token; requests without it, or from
another origin, are refused. --port 0 (the default) picks a free port.`,
  async run(argv, io) {
    const parsed = parseFlags(argv, { values: ['port', 'user-data'], booleans: ['allow-fault-injection'] });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    const port = intFlag(parsed, 'port', 0, 65535) ?? 0;
    const userData = parsed.flags.get('user-data');
    const services = new HostServices({
      userDataDir: typeof userData === 'string' ? userData : defaultUserDataDir(),
      transport: 'web',
      allowFaultInjection: parsed.flags.get('allow-fault-injection') === true,
    });
    const host = await startWebHost(services, { port, rendererDir: rendererDistDir() });
    io.stdout(`Syscall Lab is serving on ${host.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    await services.close();
    return 0;
  },
};
