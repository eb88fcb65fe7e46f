// The Electron main process: one locked-down window over the same host services the
// web host and CLI use. Only this folder and electron/preload import 'electron'.

import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNEL_PREFIX } from '../common/contract.js';
import { contentSecurityPolicy } from '../common/csp.js';
import { appRoot, rendererDistDir } from '../host/paths.js';
import { HostServices } from '../host/services.js';
import { attachCrashRecovery, DEFAULT_RECOVERY } from './crash-recovery.js';
import { isAllowedDownload, isTrustedSender, registerIpcHandlers } from './ipc.js';

const APP_ORIGIN = 'app://lab';

// Serve the renderer from a privileged custom scheme rather than file://, so the
// origin is fixed and every response carries our CSP (Electron security checklist).
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function serveRenderer(): void {
  const root = rendererDistDir();
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(root, rel);
    if (url.host !== 'lab' || !file.startsWith(root + sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    // electronegativity CSP_GLOBAL_CHECK: the policy is set here on every app:// response, built at run time by contentSecurityPolicy(), which a static scan cannot read; tests/electron/common/csp.test.ts checks its directives
    headers.set('content-security-policy', contentSecurityPolicy('electron'));
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) event.preventDefault();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function createWindow(services: HostServices): Promise<void> {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Syscall Lab',
    show: false,
    webPreferences: {
      // electronegativity PRELOAD_JS_CHECK: reviewed: the sandboxed preload exposes only window.lab (invoke on contract commands, subscribe to events), never ipcRenderer itself
      preload: join(appRoot(), 'dist', 'electron', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise open links in new windows (denied below anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  registerIpcHandlers(ipcMain, services, (event) => isTrustedSender(event, window.webContents));
  services.on((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(`${CHANNEL_PREFIX}event`, { event, payload });
  });
  attachCrashRecovery(
    {
      onRendererGone: (l) => window.webContents.on('render-process-gone', (_e, d) => l(d)),
      onUnresponsive: (l) => window.on('unresponsive', l),
      onResponsive: (l) => window.on('responsive', l),
      reload: () => window.webContents.reload(),
      forceCrash: () => window.webContents.forcefullyCrashRenderer(),
      isDestroyed: () => window.isDestroyed(),
    },
    {
      askReload: async () =>
        (await dialog.showMessageBox(window, { type: 'warning', buttons: ['Reload', 'Wait'], defaultId: 0, cancelId: 1, message: 'Syscall Lab is not responding', detail: 'Reload the window? Your open lab and drafts are kept.' })).response === 0,
      reportCrashLoop: (d, n) =>
        void dialog.showMessageBox(window, { type: 'error', message: 'The window keeps crashing', detail: `It crashed ${n} times in a minute (${d.reason}), so it was not reloaded again. Restart Syscall Lab; your saved work is kept.` }),
      log: (m) => console.error(`syscall-lab: ${m}`),
    },
    { ...DEFAULT_RECOVERY, now: () => Date.now() },
  );
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.enableSandbox();
lockDown();
void app.whenReady().then(async () => {
  serveRenderer();
  const services = new HostServices({ userDataDir: app.getPath('userData'), transport: 'electron' });
  app.on('window-all-closed', () => {
    void services.close().finally(() => app.quit());
  });
  await createWindow(services);
});
