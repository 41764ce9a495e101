// Whether WebGL here is a real GPU. A software rasteriser (SwiftShader,
// llvmpipe: VMs, remote desktops, headless browsers) makes xterm's WebGL
// renderer several times slower than its DOM renderer, so `auto` avoids it.
let cached: { hardware: boolean; renderer: string } | undefined;

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

export function webglInfo(): { hardware: boolean; renderer: string } {
  if (cached) return cached;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    if (!gl) return (cached = { hardware: false, renderer: 'no WebGL2' });
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    cached = { hardware: !SOFTWARE.test(renderer), renderer };
  } catch {
    cached = { hardware: false, renderer: 'WebGL failed' };
  }
  return cached;
}
