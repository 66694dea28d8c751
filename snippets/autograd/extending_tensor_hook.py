import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = x * 2
h.register_hook(lambda g: print("reaching h:", g))  # (1)!
(h**2).sum().backward()
print("x.grad:", x.grad)

x.grad = None
h = x * 2
handle = h.register_hook(lambda g: g.clamp(max=5.0))  # (2)!
(h**2).sum().backward()
print("x.grad, clamped at h:", x.grad)
handle.remove()  # (3)!
