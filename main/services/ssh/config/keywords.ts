// The ssh_config keywords OpenSSH knows (ssh_config(5) of 9.x, Debian's GSSAPI
// additions, and a few newer ones), lowercased. A keyword not in this list is
// reported, because OpenSSH refuses a file with one unless IgnoreUnknown
// names it.

const CURRENT = `host match addkeystoagent addressfamily batchmode bindaddress bindinterface canonicaldomains
canonicalizefallbacklocal canonicalizehostname canonicalizemaxdots canonicalizepermittedcnames casignaturealgorithms
certificatefile channeltimeout checkhostip ciphers clearallforwardings compression connectionattempts connecttimeout
controlmaster controlpath controlpersist dynamicforward enableescapecommandline enablesshkeysign escapechar
exitonforwardfailure fingerprinthash forkafterauthentication forwardagent forwardx11 forwardx11timeout forwardx11trusted
gatewayports globalknownhostsfile gssapiauthentication gssapiclientidentity gssapidelegatecredentials gssapikeyexchange
gssapirenewalforcesrekey gssapiserveridentity gssapitrustdns gssapikexalgorithms hashknownhosts
hostbasedacceptedalgorithms hostbasedauthentication hostkeyalgorithms hostkeyalias hostname identitiesonly
identityagent identityfile ignoreunknown include ipqos kbdinteractiveauthentication kbdinteractivedevices
kexalgorithms knownhostscommand localcommand localforward loglevel logverbose macs nohostauthenticationforlocalhost
numberofpasswordprompts obscurekeystroketiming passwordauthentication permitlocalcommand permitremoteopen
pkcs11provider port preferredauthentications proxycommand proxyjump proxyusefdpass pubkeyacceptedalgorithms
pubkeyauthentication refuseconnection rekeylimit remotecommand remoteforward requesttty requiredrsasize
revokedhostkeys securitykeyprovider sendenv serveralivecountmax serveraliveinterval sessiontype setenv stdinnull
streamlocalbindmask streamlocalbindunlink stricthostkeychecking syslogfacility tag tcpkeepalive tunnel tunneldevice
updatehostkeys user userknownhostsfile verifyhostkeydns versionaddendum visualhostkey warnweakcrypto xauthlocation`;

/** Old names OpenSSH still reads, mapped to the option they set. */
export const KEYWORD_ALIASES: Readonly<Record<string, string>> = {
  hostbasedkeytypes: 'hostbasedacceptedalgorithms',
  hostbasedacceptedkeytypes: 'hostbasedacceptedalgorithms',
  pubkeyacceptedkeytypes: 'pubkeyacceptedalgorithms',
  challengeresponseauthentication: 'kbdinteractiveauthentication',
  skeyauthentication: 'kbdinteractiveauthentication',
  tisauthentication: 'kbdinteractiveauthentication',
  keepalive: 'tcpkeepalive',
  dsaauthentication: 'pubkeyauthentication',
  smartcarddevice: 'pkcs11provider',
};

/** Options OpenSSH accepts and ignores (deprecated or removed). */
const IGNORED = `protocol cipher fallbacktorsh usersh useprivilegedport rhostsrsaauthentication rsaauthentication
compressionlevel useroaming afstokenpassing kerberosauthentication kerberostgtpassing
globalknownhostsfile2 userknownhostsfile2 identityfile2 protocolkeepalives setuptimeout`;

const known = new Set([...CURRENT.split(/\s+/), ...IGNORED.split(/\s+/), ...Object.keys(KEYWORD_ALIASES)]);

export function isKnownKeyword(lowercase: string): boolean {
  return known.has(lowercase);
}

export function canonicalKeyword(lowercase: string): string {
  return KEYWORD_ALIASES[lowercase] ?? lowercase;
}
