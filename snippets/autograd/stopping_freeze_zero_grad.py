import torch
from torch import nn

torch.manual_seed(0)


def frozen_weight_moves(set_to_none, **opt_args):
    torch.manual_seed(0)
    lin = nn.Linear(2, 1)
    opt = torch.optim.SGD(lin.parameters(), lr=0.1, **opt_args)
    x, y = torch.randn(4, 2), torch.randn(4, 1)
    for step in range(2):
        if step == 1:
            lin.weight.requires_grad_(False)  # (1)!
        opt.zero_grad(set_to_none=set_to_none)  # (2)!
        ((lin(x) - y) ** 2).mean().backward()
        before = lin.weight.detach().clone()
        opt.step()
    return lin.weight.grad, not torch.equal(lin.weight, before)


for opt_args in ({"momentum": 0.9}, {"weight_decay": 0.1}):
    for set_to_none in (False, True):
        grad, moved = frozen_weight_moves(set_to_none, **opt_args)
        print(f"{opt_args}, set_to_none={set_to_none}: weight.grad {grad}, frozen weight moved: {moved}")  # (3)!
