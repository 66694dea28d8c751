import torch
from torch.utils._python_dispatch import TorchDispatchMode

torch.manual_seed(0)


class CountMul(TorchDispatchMode):  # (1)!
    def __init__(self):
        super().__init__()
        self.count = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.count += func.overloadpacket is torch.ops.aten.mul
        return func(*args, **(kwargs or {}))


for x_requires_grad in (False, True):
    x, y = torch.tensor(2.0, requires_grad=x_requires_grad), torch.tensor(4.0)
    w = torch.tensor(1.0, requires_grad=True)
    loss = (x * w - y) ** 2
    with CountMul() as counter:
        loss.backward()  # (2)!
    print(f"x.requires_grad={x_requires_grad}: {counter.count} multiplies in backward, x.grad = {x.grad}")
