/**
 * What an embed snippet needs besides its URLs, for every code that builds one (pages, islands,
 * oEmbed documents): the integrity hash of embed/host.js, computed by the embed-assets integration
 * from the exact bytes the build writes (so the snippet's <script> carries
 * integrity="…" crossorigin="anonymous"), and the iframe's allow list.
 */
export { hostScriptIntegrity as HOST_SCRIPT_INTEGRITY } from 'virtual:lesson/host-script';
export { EMBED_FRAME_ALLOW } from '../utils/embed';
