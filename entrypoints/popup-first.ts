/** The classic script at the top of the popup's page: its first request, before the page's modules load (popup/first-list.ts). */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { sendFirstList } from './popup/first-list.ts';

export default defineUnlistedScript(sendFirstList);
