// The ServiceAccount admission plugin's token volume and the files the kubelet puts in
// a container's mounts (service-account token, ConfigMap, Secret, downward API).
import { describe, expect, it } from "vitest";
import { createCluster } from "../../src/cluster/index.ts";
import type { Cluster, KObject } from "../../src/cluster/index.ts";

type Obj = Record<string, any>;
const SA_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

function pod(name: string, spec: Obj): KObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, labels: { app: name } }, spec: { containers: [{ name: "app", image: "nginx" }], ...spec } };
}

function created(c: Cluster, obj: KObject): Obj {
  const r = c.create(obj);
  if (!r.ok) throw new Error(r.status.message);
  return r.value as Obj;
}

describe("ServiceAccount admission", () => {
  it("adds a kube-api-access projected volume mounted read-only in every container", () => {
    const c = createCluster();
    const p = created(c, pod("a", { initContainers: [{ name: "init", image: "busybox", command: ["true"] }] }));
    const volumes = p.spec.volumes as Obj[];
    expect(volumes).toHaveLength(1);
    expect(volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volumes[0].projected.sources.map((s: Obj) => Object.keys(s)[0])).toEqual(["serviceAccountToken", "configMap", "downwardAPI"]);
    expect(volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(3607);
    for (const ctr of [...p.spec.initContainers, ...p.spec.containers])
      expect(ctr.volumeMounts).toEqual([{ mountPath: SA_PATH, name: volumes[0].name, readOnly: true }]);
  });

  it("gives different pods different volume names", () => {
    const c = createCluster();
    const a = created(c, pod("a", {}));
    const b = created(c, pod("b", {}));
    expect(a.spec.volumes[0].name).not.toBe(b.spec.volumes[0].name);
  });

  it("skips pods that opt out or already mount something at the path", () => {
    const c = createCluster();
    expect(created(c, pod("off", { automountServiceAccountToken: false })).spec.volumes).toBeUndefined();
    const own = created(c, pod("own", {
      volumes: [{ name: "mine", emptyDir: {} }],
      containers: [{ name: "app", image: "nginx", volumeMounts: [{ name: "mine", mountPath: SA_PATH }] }],
    }));
    expect(own.spec.volumes.map((v: Obj) => v.name)).toEqual(["mine"]);
  });

  it("leaves a pod update alone", () => {
    const c = createCluster();
    const p = created(c, pod("a", {}));
    const r = c.patch({ group: "", resource: "pods", namespace: "default", name: "a" }, "merge", { metadata: { labels: { x: "y" } } });
    expect(r.ok && (r.value as Obj).spec.volumes).toEqual(p.spec.volumes);
  });
});

describe("files in a container's mounts", () => {
  it("projects the token, the cluster CA and the namespace", () => {
    const c = createCluster();
    created(c, pod("a", {}));
    c.settle();
    const files = c.podFiles("default", "a")!.mounts;
    expect(Object.keys(files).sort()).toEqual([`${SA_PATH}/ca.crt`, `${SA_PATH}/namespace`, `${SA_PATH}/token`]);
    expect(files[`${SA_PATH}/namespace`]).toBe("default");
    const ca = c.get({ group: "", resource: "configmaps", namespace: "default", name: "kube-root-ca.crt" });
    expect(ca.ok && (ca.value as Obj).data["ca.crt"]).toBe(files[`${SA_PATH}/ca.crt`]);
    const [header, payload, signature] = files[`${SA_PATH}/token`].split(".");
    const decode = (s: string) => JSON.parse(atob(s.replace(/-/g, "+").replace(/_/g, "/")));
    expect(decode(header).alg).toBe("RS256");
    const claims = decode(payload);
    const live = c.get({ group: "", resource: "pods", namespace: "default", name: "a" });
    const sa = c.get({ group: "", resource: "serviceaccounts", namespace: "default", name: "default" });
    expect(claims.sub).toBe("system:serviceaccount:default:default");
    expect(claims["kubernetes.io"].pod).toEqual({ name: "a", uid: live.ok && live.value.metadata.uid });
    expect(claims["kubernetes.io"].serviceaccount.uid).toBe(sa.ok && sa.value.metadata.uid);
    expect(claims["kubernetes.io"].warnafter - claims.iat).toBe(3607);
    expect(claims.exp - claims.iat).toBe(365 * 24 * 3600);
    // RS256 over a 2048-bit key: 256 bytes, 342 base64url characters.
    expect(signature).toHaveLength(342);
  });

  it("reads ConfigMap and Secret volumes, items, subPath and the downward API", () => {
    const c = createCluster();
    created(c, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { "app.conf": "port=80\n", other: "x" } });
    created(c, { apiVersion: "v1", kind: "Secret", metadata: { name: "creds" }, data: { password: btoa("s3cret") } });
    created(c, pod("a", {
      volumes: [
        { name: "cfg", configMap: { name: "cfg", items: [{ key: "app.conf", path: "conf/app.conf" }] } },
        { name: "creds", secret: { secretName: "creds" } },
        { name: "one", configMap: { name: "cfg" } },
        { name: "info", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } },
      ],
      containers: [{ name: "app", image: "nginx", volumeMounts: [
        { name: "cfg", mountPath: "/etc/app" },
        { name: "creds", mountPath: "/secrets/" },
        { name: "one", mountPath: "/etc/other", subPath: "other" },
        { name: "info", mountPath: "/info" },
      ] }],
    }));
    c.settle();
    const files = c.podFiles("default", "a", "app")!.mounts;
    expect(files["/etc/app/conf/app.conf"]).toBe("port=80\n");
    expect(files["/etc/app/other"]).toBeUndefined();
    expect(files["/secrets/password"]).toBe("s3cret");
    expect(files["/etc/other"]).toBe("x");
    expect(files["/info/labels"]).toBe('app="a"');
  });
});
