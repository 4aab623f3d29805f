// The compact schema description of the kinds the cluster serves. Each field is
// "type: description"; types are string, integer, int64, boolean, object, Time,
// IntOrString, []T, map[string]T or the short name of another definition.
// Descriptions are our own short summaries of the Kubernetes API reference.

export interface Definition {
  description: string;
  type?: string;
  format?: string;
  fields?: Record<string, string>;
  required?: string[];
}

const API_VERSION = "string: APIVersion defines the versioned schema of this representation of an object.";
const KIND = "string: Kind is a string value representing the REST resource this object represents.";
const METADATA = "ObjectMeta: Standard object's metadata.";

function kind(description: string, spec?: string, status?: string): Definition {
  return {
    description,
    fields: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      ...(spec ? { spec } : {}),
      ...(status ? { status } : {}),
    },
  };
}

export const DEFINITIONS: Record<string, Definition> = {
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {
    description: "IntOrString is a type that can hold an int32 or a string.",
    type: "string",
    format: "int-or-string",
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.Time": {
    description: "Time is a timestamp in RFC3339 form, in UTC.",
    type: "string",
    format: "date-time",
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": {
    description: "ListMeta describes metadata that synthetic resources must have, including lists.",
    fields: {
      continue: "string: continue may be set if the user set a limit on the number of items returned.",
      remainingItemCount: "int64: remainingItemCount is the number of subsequent items in the list which are not included in this list response.",
      resourceVersion: "string: String that identifies the server's internal version of this object.",
    },
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": {
    description: "OwnerReference contains enough information to let you identify an owning object.",
    fields: {
      apiVersion: "string: API version of the referent.",
      blockOwnerDeletion: "boolean: If true, the owner cannot be deleted from storage until this reference is removed.",
      controller: "boolean: If true, this reference points to the managing controller.",
      kind: "string: Kind of the referent.",
      name: "string: Name of the referent.",
      uid: "string: UID of the referent.",
    },
    required: ["apiVersion", "kind", "name", "uid"],
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
    description: "ObjectMeta is metadata that all persisted resources must have.",
    fields: {
      annotations: "map[string]string: Annotations is an unstructured key value map stored with a resource.",
      creationTimestamp: "Time: CreationTimestamp is the server time when this object was created.",
      deletionGracePeriodSeconds: "int64: Number of seconds allowed for this object to gracefully terminate.",
      deletionTimestamp: "Time: The time after which this resource will be deleted.",
      finalizers: "[]string: Must be empty before the object is deleted from the registry.",
      generateName: "string: An optional prefix the server uses to generate a unique name.",
      generation: "int64: A sequence number representing a specific generation of the desired state.",
      labels: "map[string]string: Map of string keys and values that can be used to organize and categorize objects.",
      name: "string: Name must be unique within a namespace.",
      namespace: "string: Namespace defines the space within which each name must be unique.",
      ownerReferences: "[]OwnerReference: List of objects depended by this object.",
      resourceVersion: "string: An opaque value that represents the internal version of this object.",
      uid: "string: UID is the unique in time and space value for this object.",
    },
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement": {
    description: "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.",
    fields: {
      key: "string: key is the label key that the selector applies to.",
      operator: "string: operator represents a key's relationship to a set of values: In, NotIn, Exists and DoesNotExist.",
      values: "[]string: values is an array of string values.",
    },
    required: ["key", "operator"],
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": {
    description: "A label selector is a label query over a set of resources. An empty label selector matches all objects.",
    fields: {
      matchExpressions: "[]LabelSelectorRequirement: matchExpressions is a list of label selector requirements. The requirements are ANDed.",
      matchLabels: "map[string]string: matchLabels is a map of {key,value} pairs.",
    },
  },

  // --- core/v1: Service
  "io.k8s.api.core.v1.Service": kind(
    "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
    "ServiceSpec: Spec defines the behavior of a service.",
    "ServiceStatus: Most recently observed status of the service.",
  ),
  "io.k8s.api.core.v1.ServiceSpec": {
    description: "ServiceSpec describes the attributes that a user creates on a service.",
    fields: {
      allocateLoadBalancerNodePorts: "boolean: Whether NodePorts are allocated for a Service of type LoadBalancer.",
      clusterIP: "string: The IP address of the service, usually assigned randomly; \"None\" makes a headless service.",
      clusterIPs: "[]string: The IP addresses of the service, the first one equal to clusterIP.",
      externalIPs: "[]string: IP addresses for which nodes in the cluster will also accept traffic for this service.",
      externalName: "string: The external reference that DNS returns as a CNAME record (requires type ExternalName).",
      externalTrafficPolicy: "string: How nodes distribute service traffic they receive on an externally-facing address (Cluster or Local).",
      healthCheckNodePort: "integer: The healthcheck nodePort for the service.",
      internalTrafficPolicy: "string: How nodes distribute service traffic they receive on the ClusterIP (Cluster or Local).",
      ipFamilies: "[]string: The IP families (IPv4, IPv6) assigned to this service.",
      ipFamilyPolicy: "string: SingleStack, PreferDualStack or RequireDualStack.",
      loadBalancerClass: "string: The class of the load balancer implementation this Service belongs to.",
      loadBalancerIP: "string: Deprecated: the IP requested for a LoadBalancer.",
      loadBalancerSourceRanges: "[]string: Client IP ranges allowed through the cloud provider load balancer.",
      ports: "[]ServicePort: The list of ports that are exposed by this service.",
      publishNotReadyAddresses: "boolean: Publish endpoints of pods that are not ready.",
      selector: "map[string]string: Route service traffic to pods with label keys and values matching this selector.",
      sessionAffinity: "string: ClientIP or None (default).",
      type: "string: How the Service is exposed: ClusterIP (default), NodePort, LoadBalancer or ExternalName.",
    },
  },
  "io.k8s.api.core.v1.ServicePort": {
    description: "ServicePort contains information on service's port.",
    fields: {
      appProtocol: "string: The application protocol for this port.",
      name: "string: The name of this port within the service; required when there are several ports.",
      nodePort: "integer: The port on each node on which this service is exposed when type is NodePort or LoadBalancer.",
      port: "integer: The port that will be exposed by this service.",
      protocol: "string: The IP protocol for this port: TCP (default), UDP or SCTP.",
      targetPort: "IntOrString: Number or name of the port to access on the pods targeted by the service.",
    },
    required: ["port"],
  },
  "io.k8s.api.core.v1.ServiceStatus": {
    description: "ServiceStatus represents the current status of a service.",
    fields: { loadBalancer: "LoadBalancerStatus: LoadBalancer contains the current status of the load-balancer, if one is present." },
  },
  "io.k8s.api.core.v1.LoadBalancerStatus": {
    description: "LoadBalancerStatus represents the status of a load-balancer.",
    fields: { ingress: "[]LoadBalancerIngress: A list containing ingress points for the load-balancer." },
  },
  "io.k8s.api.core.v1.LoadBalancerIngress": {
    description: "LoadBalancerIngress represents the status of a load-balancer ingress point.",
    fields: {
      hostname: "string: Hostname is set for load-balancer ingress points that are DNS based.",
      ip: "string: IP is set for load-balancer ingress points that are IP based.",
    },
  },

  // --- core/v1: ConfigMap, Namespace
  "io.k8s.api.core.v1.ConfigMap": {
    description: "ConfigMap holds configuration data for pods to consume.",
    fields: {
      apiVersion: API_VERSION,
      binaryData: "map[string]string: BinaryData contains the binary data, base64 encoded.",
      data: "map[string]string: Data contains the configuration data.",
      immutable: "boolean: Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated.",
      kind: KIND,
      metadata: METADATA,
    },
  },
  "io.k8s.api.core.v1.Namespace": kind(
    "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
    "object: Spec defines the behavior of the Namespace.",
    "object: Status describes the current status of a Namespace.",
  ),

  // --- networking.k8s.io/v1
  "io.k8s.api.networking.v1.NetworkPolicy": kind(
    "NetworkPolicy describes what network traffic is allowed for a set of Pods.",
    "NetworkPolicySpec: spec represents the specification of the desired behavior for this NetworkPolicy.",
  ),
  "io.k8s.api.networking.v1.NetworkPolicySpec": {
    description: "NetworkPolicySpec provides the specification of a NetworkPolicy.",
    fields: {
      egress: "[]NetworkPolicyEgressRule: egress is a list of egress rules to be applied to the selected pods.",
      ingress: "[]NetworkPolicyIngressRule: ingress is a list of ingress rules to be applied to the selected pods.",
      podSelector: "LabelSelector: podSelector selects the pods to which this NetworkPolicy object applies.",
      policyTypes: "[]string: policyTypes is a list of rule types (Ingress, Egress) that the NetworkPolicy relates to.",
    },
  },
  "io.k8s.api.networking.v1.NetworkPolicyIngressRule": {
    description: "NetworkPolicyIngressRule describes a particular set of traffic that is allowed to the pods matched by a NetworkPolicySpec's podSelector.",
    fields: {
      from: "[]NetworkPolicyPeer: from is a list of sources which should be able to access the pods selected for this rule.",
      ports: "[]NetworkPolicyPort: ports is a list of ports which should be made accessible on the pods selected for this rule.",
    },
  },
  "io.k8s.api.networking.v1.NetworkPolicyEgressRule": {
    description: "NetworkPolicyEgressRule describes a particular set of traffic that is allowed out of pods matched by a NetworkPolicySpec's podSelector.",
    fields: {
      ports: "[]NetworkPolicyPort: ports is a list of destination ports for outgoing traffic.",
      to: "[]NetworkPolicyPeer: to is a list of destinations for outgoing traffic of pods selected for this rule.",
    },
  },
  "io.k8s.api.networking.v1.NetworkPolicyPeer": {
    description: "NetworkPolicyPeer describes a peer to allow traffic to/from.",
    fields: {
      ipBlock: "IPBlock: ipBlock defines policy on a particular IPBlock.",
      namespaceSelector: "LabelSelector: namespaceSelector selects namespaces using cluster-scoped labels.",
      podSelector: "LabelSelector: podSelector is a label selector which selects pods.",
    },
  },
  "io.k8s.api.networking.v1.IPBlock": {
    description: "IPBlock describes a particular CIDR that is allowed to the pods matched by a NetworkPolicySpec's podSelector.",
    fields: {
      cidr: "string: cidr is a string representing the IPBlock, such as 192.168.1.0/24.",
      except: "[]string: except is a slice of CIDRs that should not be included within an IPBlock.",
    },
    required: ["cidr"],
  },
  "io.k8s.api.networking.v1.NetworkPolicyPort": {
    description: "NetworkPolicyPort describes a port to allow traffic on.",
    fields: {
      endPort: "integer: endPort indicates that the range of ports from port to endPort is allowed.",
      port: "IntOrString: port represents the port on the given protocol, a number or a named port on a pod.",
      protocol: "string: protocol represents the protocol (TCP, UDP, or SCTP) which traffic must match.",
    },
  },
  "io.k8s.api.networking.v1.Ingress": kind(
    "Ingress is a collection of rules that allow inbound connections to reach the endpoints defined by a backend.",
    "IngressSpec: spec is the desired state of the Ingress.",
    "object: status is the current state of the Ingress.",
  ),
  "io.k8s.api.networking.v1.IngressSpec": {
    description: "IngressSpec describes the Ingress the user wishes to exist.",
    fields: {
      defaultBackend: "IngressBackend: defaultBackend is the backend that should handle requests that don't match any rule.",
      ingressClassName: "string: ingressClassName is the name of an IngressClass cluster resource.",
      rules: "[]IngressRule: rules is a list of host rules used to configure the Ingress.",
      tls: "[]IngressTLS: tls represents the TLS configuration.",
    },
  },
  "io.k8s.api.networking.v1.IngressRule": {
    description: "IngressRule represents the rules mapping the paths under a specified host to the related backend services.",
    fields: {
      host: "string: host is the fully qualified domain name of a network host.",
      http: "HTTPIngressRuleValue: http is a list of http selectors pointing to backends.",
    },
  },
  "io.k8s.api.networking.v1.HTTPIngressRuleValue": {
    description: "HTTPIngressRuleValue is a list of http selectors pointing to backends.",
    fields: { paths: "[]HTTPIngressPath: paths is a collection of paths that map requests to backends." },
    required: ["paths"],
  },
  "io.k8s.api.networking.v1.HTTPIngressPath": {
    description: "HTTPIngressPath associates a path with a backend.",
    fields: {
      backend: "IngressBackend: backend defines the referenced service endpoint to which the traffic will be forwarded to.",
      path: "string: path is matched against the path of an incoming request.",
      pathType: "string: pathType determines the interpretation of the path matching: Exact, Prefix or ImplementationSpecific.",
    },
    required: ["pathType", "backend"],
  },
  "io.k8s.api.networking.v1.IngressBackend": {
    description: "IngressBackend describes all endpoints for a given service and port.",
    fields: { service: "IngressServiceBackend: service references a service as a backend." },
  },
  "io.k8s.api.networking.v1.IngressServiceBackend": {
    description: "IngressServiceBackend references a Kubernetes Service as a Backend.",
    fields: {
      name: "string: name is the referenced service.",
      port: "ServiceBackendPort: port of the referenced service.",
    },
    required: ["name"],
  },
  "io.k8s.api.networking.v1.ServiceBackendPort": {
    description: "ServiceBackendPort is the service port being referenced.",
    fields: {
      name: "string: name is the name of the port on the Service.",
      number: "integer: number is the numerical port number (e.g. 80) on the Service.",
    },
  },
  "io.k8s.api.networking.v1.IngressTLS": {
    description: "IngressTLS describes the transport layer security associated with an ingress.",
    fields: {
      hosts: "[]string: hosts is a list of hosts included in the TLS certificate.",
      secretName: "string: secretName is the name of the secret used to terminate TLS traffic on port 443.",
    },
  },

  // --- core/v1: Pod and its parts
  "io.k8s.api.core.v1.Pod": kind(
    "Pod is a collection of containers that can run on a host, created by clients and scheduled onto hosts.",
    "PodSpec: Specification of the desired behavior of the pod.",
    "PodStatus: Most recently observed status of the pod.",
  ),
  "io.k8s.api.core.v1.PodTemplateSpec": {
    description: "PodTemplateSpec describes the data a pod should have when created from a template.",
    fields: { metadata: METADATA, spec: "PodSpec: Specification of the desired behavior of the pod." },
  },
  "io.k8s.api.core.v1.PodSpec": {
    description: "PodSpec is a description of a pod.",
    fields: {
      containers: "[]Container: List of containers belonging to the pod. There must be at least one.",
      dnsPolicy: "string: DNS policy for the pod: ClusterFirst (default), ClusterFirstWithHostNet, Default or None.",
      hostNetwork: "boolean: Use the host's network namespace.",
      hostname: "string: The hostname of the Pod; defaults to the pod's name.",
      initContainers: "[]Container: Containers that run to completion, in order, before the app containers start.",
      nodeName: "string: The node this pod is bound to.",
      nodeSelector: "map[string]string: Labels a node must have for the pod to be scheduled on it.",
      restartPolicy: "string: Restart policy for all containers within the pod: Always (default), OnFailure or Never.",
      serviceAccountName: "string: The name of the ServiceAccount to use to run this pod.",
      subdomain: "string: With hostname, gives the pod the FQDN <hostname>.<subdomain>.<namespace>.svc.<cluster domain>.",
      terminationGracePeriodSeconds: "int64: Seconds the pod is given to terminate gracefully. Defaults to 30.",
    },
    required: ["containers"],
  },
  "io.k8s.api.core.v1.Container": {
    description: "A single application container that you want to run within a pod.",
    fields: {
      args: "[]string: Arguments to the entrypoint.",
      command: "[]string: Entrypoint array; the image's ENTRYPOINT is used if this is not given.",
      env: "[]EnvVar: List of environment variables to set in the container.",
      image: "string: Container image name.",
      imagePullPolicy: "string: Always, Never or IfNotPresent.",
      name: "string: Name of the container, unique within the pod (DNS_LABEL).",
      ports: "[]ContainerPort: List of ports to expose from the container.",
      readinessProbe: "object: Periodic probe of container service readiness.",
      stdin: "boolean: Whether this container should allocate a buffer for stdin in the container runtime.",
      tty: "boolean: Whether this container should allocate a TTY for itself.",
      workingDir: "string: Container's working directory.",
    },
    required: ["name"],
  },
  "io.k8s.api.core.v1.ContainerPort": {
    description: "ContainerPort represents a network port in a single container.",
    fields: {
      containerPort: "integer: Number of port to expose on the pod's IP address.",
      hostIP: "string: What host IP to bind the external port to.",
      hostPort: "integer: Number of port to expose on the host.",
      name: "string: A name for the port (IANA_SVC_NAME) that services can refer to.",
      protocol: "string: Protocol for port: UDP, TCP (default) or SCTP.",
    },
    required: ["containerPort"],
  },
  "io.k8s.api.core.v1.EnvVar": {
    description: "EnvVar represents an environment variable present in a Container.",
    fields: {
      name: "string: Name of the environment variable.",
      value: "string: The variable's value; $(VAR_NAME) references are expanded.",
    },
    required: ["name"],
  },
  "io.k8s.api.core.v1.PodStatus": {
    description: "PodStatus represents information about the status of a pod.",
    fields: {
      hostIP: "string: IP address of the host to which the pod is assigned.",
      phase: "string: Pending, Running, Succeeded, Failed or Unknown.",
      podIP: "string: IP address allocated to the pod.",
      podIPs: "[]PodIP: IP addresses allocated to the pod; the first equals podIP.",
      startTime: "Time: When the kubelet acknowledged the pod.",
    },
  },
  "io.k8s.api.core.v1.PodIP": {
    description: "PodIP represents a single IP address allocated to the pod.",
    fields: { ip: "string: IP is the IP address assigned to the pod." },
    required: ["ip"],
  },

  // --- core/v1: Endpoints
  "io.k8s.api.core.v1.Endpoints": {
    description: "Endpoints is a collection of endpoints that implement the actual service.",
    fields: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      subsets: "[]EndpointSubset: The set of all endpoints is the union of all subsets.",
    },
  },
  "io.k8s.api.core.v1.EndpointSubset": {
    description: "EndpointSubset is a group of addresses with a common set of ports.",
    fields: {
      addresses: "[]EndpointAddress: IP addresses which offer the related ports and are ready.",
      notReadyAddresses: "[]EndpointAddress: IP addresses which offer the related ports but are not ready.",
      ports: "[]EndpointPort: Port numbers available on the related IP addresses.",
    },
  },
  "io.k8s.api.core.v1.EndpointAddress": {
    description: "EndpointAddress is a tuple that describes single IP address.",
    fields: {
      hostname: "string: The Hostname of this endpoint.",
      ip: "string: The IP of this endpoint.",
      nodeName: "string: Node hosting this endpoint.",
      targetRef: "object: Reference to object providing the endpoint.",
    },
    required: ["ip"],
  },
  "io.k8s.api.core.v1.EndpointPort": {
    description: "EndpointPort is a tuple that describes a single port.",
    fields: {
      name: "string: The name of this port; must match the name in the ServicePort.",
      port: "integer: The port number of the endpoint.",
      protocol: "string: The IP protocol for this port: TCP (default), UDP or SCTP.",
    },
    required: ["port"],
  },

  // --- apps/v1
  "io.k8s.api.apps.v1.Deployment": kind(
    "Deployment enables declarative updates for Pods and ReplicaSets.",
    "DeploymentSpec: Specification of the desired behavior of the Deployment.",
    "object: Most recently observed status of the Deployment.",
  ),
  "io.k8s.api.apps.v1.DeploymentSpec": {
    description: "DeploymentSpec is the specification of the desired behavior of the Deployment.",
    fields: {
      minReadySeconds: "integer: Seconds a new pod must be ready before it counts as available.",
      paused: "boolean: Indicates that the deployment is paused.",
      replicas: "integer: Number of desired pods. Defaults to 1.",
      revisionHistoryLimit: "integer: The number of old ReplicaSets to retain to allow rollback.",
      selector: "LabelSelector: Label selector for pods; must match the pod template's labels.",
      strategy: "object: The deployment strategy used to replace existing pods with new ones.",
      template: "PodTemplateSpec: Template describes the pods that will be created.",
    },
    required: ["selector", "template"],
  },
  "io.k8s.api.apps.v1.StatefulSet": kind(
    "StatefulSet represents a set of pods with consistent identities: stable network names and storage.",
    "StatefulSetSpec: Spec defines the desired identities of pods in this set.",
    "object: Status is the current status of Pods in this StatefulSet.",
  ),
  "io.k8s.api.apps.v1.StatefulSetSpec": {
    description: "A StatefulSetSpec is the specification of a StatefulSet.",
    fields: {
      podManagementPolicy: "string: OrderedReady (default) or Parallel.",
      replicas: "integer: The desired number of replicas of the given Template.",
      selector: "LabelSelector: A label query over pods that should match the replica count.",
      serviceName: "string: The name of the service that governs this StatefulSet (its pods' DNS subdomain).",
      template: "PodTemplateSpec: The object that describes the pod that will be created.",
    },
    required: ["selector", "template"],
  },
  "io.k8s.api.apps.v1.DaemonSet": kind(
    "DaemonSet represents the configuration of a daemon set: one pod on each eligible node.",
    "DaemonSetSpec: The desired behavior of this daemon set.",
    "object: The current status of this daemon set.",
  ),
  "io.k8s.api.apps.v1.DaemonSetSpec": {
    description: "DaemonSetSpec is the specification of a daemon set.",
    fields: {
      selector: "LabelSelector: A label query over pods that are managed by the daemon set.",
      template: "PodTemplateSpec: An object that describes the pod that will be created.",
      updateStrategy: "object: An update strategy to replace existing DaemonSet pods with new pods.",
    },
    required: ["selector", "template"],
  },
  "io.k8s.api.apps.v1.ReplicaSet": kind(
    "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
    "ReplicaSetSpec: Spec defines the specification of the desired behavior of the ReplicaSet.",
    "object: Status is the most recently observed status of the ReplicaSet.",
  ),
  "io.k8s.api.apps.v1.ReplicaSetSpec": {
    description: "ReplicaSetSpec is the specification of a ReplicaSet.",
    fields: {
      replicas: "integer: The number of desired replicas. Defaults to 1.",
      selector: "LabelSelector: A label query over pods that should match the replica count.",
      template: "PodTemplateSpec: The object that describes the pod that will be created if insufficient replicas are detected.",
    },
    required: ["selector"],
  },

  // --- discovery.k8s.io/v1
  "io.k8s.api.discovery.v1.EndpointSlice": {
    description: "EndpointSlice represents a subset of the endpoints that implement a service.",
    fields: {
      addressType: "string: The type of address carried by this EndpointSlice: IPv4, IPv6 or FQDN.",
      apiVersion: API_VERSION,
      endpoints: "[]Endpoint: A list of unique endpoints in this slice.",
      kind: KIND,
      metadata: METADATA,
      ports: "[]EndpointPort: The network ports exposed by each endpoint in this slice.",
    },
    required: ["addressType", "endpoints"],
  },
  "io.k8s.api.discovery.v1.Endpoint": {
    description: "Endpoint represents a single logical backend implementing a service.",
    fields: {
      addresses: "[]string: Addresses of this endpoint.",
      conditions: "object: The current state of the endpoint (ready, serving, terminating).",
      hostname: "string: Hostname of this endpoint.",
      nodeName: "string: The name of the Node hosting this endpoint.",
      targetRef: "object: A reference to a Kubernetes object that represents this endpoint.",
      zone: "string: The name of the Zone this endpoint exists in.",
    },
    required: ["addresses"],
  },

  "io.k8s.api.discovery.v1.EndpointPort": {
    description: "EndpointPort represents a Port used by an EndpointSlice.",
    fields: {
      appProtocol: "string: The application protocol for this port.",
      name: "string: The name of this port; must match a ServicePort name.",
      port: "integer: The port number of the endpoint; unset means all ports.",
      protocol: "string: The IP protocol for this port: TCP (default), UDP or SCTP.",
    },
  },

  // --- networking.k8s.io/v1: IngressClass
  "io.k8s.api.networking.v1.IngressClass": kind(
    "IngressClass represents the class of the Ingress, referenced by the Ingress Spec.",
    "IngressClassSpec: spec is the desired state of the IngressClass.",
  ),
  "io.k8s.api.networking.v1.IngressClassSpec": {
    description: "IngressClassSpec provides information about the class of an Ingress.",
    fields: {
      controller: "string: controller refers to the name of the controller that should handle this class.",
      parameters: "object: parameters is a link to a custom resource containing additional configuration for the controller.",
    },
  },

  // --- core/v1: ResourceQuota, LimitRange
  "io.k8s.api.core.v1.ResourceQuota": kind(
    "ResourceQuota sets aggregate quota restrictions enforced per namespace.",
    "ResourceQuotaSpec: Spec defines the desired quota.",
    "ResourceQuotaStatus: Status defines the actual enforced quota and its current usage.",
  ),
  "io.k8s.api.core.v1.ResourceQuotaSpec": {
    description: "ResourceQuotaSpec defines the desired hard limits to enforce for Quota.",
    fields: {
      hard: "map[string]string: hard is the set of desired hard limits for each named resource.",
      scopes: "[]string: A collection of filters that must match each object tracked by a quota.",
      scopeSelector: "object: scopeSelector is also a collection of filters like scopes that must match each object tracked by a quota.",
    },
  },
  "io.k8s.api.core.v1.ResourceQuotaStatus": {
    description: "ResourceQuotaStatus defines the enforced hard limits and observed use.",
    fields: {
      hard: "map[string]string: Hard is the set of enforced hard limits for each named resource.",
      used: "map[string]string: Used is the current observed total usage of the resource in the namespace.",
    },
  },
  "io.k8s.api.core.v1.LimitRange": kind(
    "LimitRange sets resource usage limits for each kind of resource in a Namespace.",
    "LimitRangeSpec: Spec defines the limits enforced.",
  ),
  "io.k8s.api.core.v1.LimitRangeSpec": {
    description: "LimitRangeSpec defines a min/max usage limit for resources that match on kind.",
    fields: { limits: "[]LimitRangeItem: Limits is the list of LimitRangeItem objects that are enforced." },
    required: ["limits"],
  },
  "io.k8s.api.core.v1.LimitRangeItem": {
    description: "LimitRangeItem defines a min/max usage limit for any resource that matches on kind.",
    fields: {
      type: "string: Type of resource that this limit applies to: Pod, Container or PersistentVolumeClaim.",
      max: "map[string]string: Max usage constraints on this kind by resource name.",
      min: "map[string]string: Min usage constraints on this kind by resource name.",
      default: "map[string]string: Default resource requirement limit value by resource name if resource limit is omitted.",
      defaultRequest: "map[string]string: DefaultRequest is the default resource requirement request value by resource name if resource request is omitted.",
      maxLimitRequestRatio: "map[string]string: MaxLimitRequestRatio if specified, the named resource must have a request and limit that are both non-zero where limit divided by request is less than or equal to the enumerated value.",
    },
    required: ["type"],
  },

  // --- coordination.k8s.io/v1: Lease
  "io.k8s.api.coordination.v1.Lease": kind("Lease defines a lease concept.", "LeaseSpec: spec contains the specification of the Lease."),
  "io.k8s.api.coordination.v1.LeaseSpec": {
    description: "LeaseSpec is a specification of a Lease.",
    fields: {
      holderIdentity: "string: holderIdentity contains the identity of the holder of a current lease.",
      leaseDurationSeconds: "integer: leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it.",
      acquireTime: "string: acquireTime is a time when the current lease was acquired.",
      renewTime: "string: renewTime is a time when the current holder of a lease has last updated the lease.",
      leaseTransitions: "integer: leaseTransitions is the number of transitions of a lease between holders.",
    },
  },
};
