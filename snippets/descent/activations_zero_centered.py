import torch

torch.manual_seed(0)


def signs(t):
    return "".join("+" if v > 0 else "-" for v in t)


z_prev = torch.randn(8)  # pre-activations of the layer below
for name, act in [("sigmoid", torch.sigmoid), ("tanh", torch.tanh)]:
    h = act(z_prev)  # (1)!
    w = torch.randn(8, requires_grad=True)  # one neuron of the next layer
    loss = (w @ h - 1.0) ** 2
    loss.backward()  # (2)!
    print(f"{name:7s} inputs h: {signs(h)}   signs of w.grad: {signs(w.grad)}")
