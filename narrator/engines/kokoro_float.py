"""A float-kernel version of Kokoro's int8 model: the same quantized values, run by float Conv and MatMul.

The int8 export is dynamically quantized: 87 ConvInteger and 148 MatMulInteger nodes, each
fed by a DynamicQuantizeLinear. onnxruntime's integer convolution is far slower on CPU than its
float one, so each integer node is replaced by its float twin over the same integers
((activation - zero point) x (weight - zero point), rounded back to int32): what follows
(bias, scales) is untouched and the result is the int8 model's, to float rounding.
"""

from __future__ import annotations

import numpy as np

_INTEGER_OPS = {"ConvInteger": "Conv", "MatMulInteger": "MatMul"}


def float_kernels(model_bytes: bytes) -> bytes:
    """The int8 Kokoro model with its integer Conv/MatMul nodes run as float ones (needs the `onnx` package)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load_from_string(model_bytes)
    graph = model.graph
    initializers = {tensor.name: tensor for tensor in graph.initializer}
    nodes: list = []
    for node in graph.node:
        if node.op_type not in _INTEGER_OPS or node.input[1] not in initializers:
            nodes.append(node)
            continue
        activation, weight, activation_zero, weight_zero = (list(node.input) + ["", "", ""])[:4]
        name = node.output[0]
        centered = _centered_weight(numpy_helper, initializers, weight, weight_zero, node.op_type)
        graph.initializer.append(numpy_helper.from_array(centered, f"{name}/float_weight"))
        nodes.append(helper.make_node("Cast", [activation], [f"{name}/a"], to=TensorProto.FLOAT))
        shifted = f"{name}/a"
        if activation_zero:
            nodes.append(helper.make_node("Cast", [activation_zero], [f"{name}/az"], to=TensorProto.FLOAT))
            nodes.append(helper.make_node("Sub", [f"{name}/a", f"{name}/az"], [f"{name}/ac"]))
            shifted = f"{name}/ac"
        nodes.append(helper.make_node(_INTEGER_OPS[node.op_type], [shifted, f"{name}/float_weight"], [f"{name}/y"], name=node.name + "/float"))
        nodes[-1].attribute.extend(node.attribute)
        nodes.append(helper.make_node("Round", [f"{name}/y"], [f"{name}/r"]))
        nodes.append(helper.make_node("Cast", [f"{name}/r"], [name], to=TensorProto.INT32))
    del graph.node[:]
    graph.node.extend(nodes)
    used = {name for node in graph.node for name in node.input}
    kept = [tensor for tensor in graph.initializer if tensor.name in used]  # the int8 weights now unused
    del graph.initializer[:]
    graph.initializer.extend(kept)
    return model.SerializeToString()


def _centered_weight(numpy_helper, initializers: dict, weight: str, zero: str, op: str) -> np.ndarray:  # noqa: ANN001
    """The integer weights minus their zero point(s), as float32 (exact: |value| <= 255)."""
    values = numpy_helper.to_array(initializers[weight]).astype(np.float32)
    if not zero:
        return values
    zeros = numpy_helper.to_array(initializers[zero]).astype(np.float32)
    if op == "ConvInteger" and zeros.ndim == 1 and zeros.size > 1:
        zeros = zeros.reshape((-1,) + (1,) * (values.ndim - 1))  # one zero point per output channel
    return values - zeros
